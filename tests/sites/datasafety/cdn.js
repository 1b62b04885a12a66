window.fromTheCdn = true;
