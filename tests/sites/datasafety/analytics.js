// An analytics service's script: it gives the visitor an id on the site's own domain.
document.cookie = "_ex_id=GA1.2.3; path=/; SameSite=Lax";
