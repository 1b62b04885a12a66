--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
CREATE TABLE public.orders (id integer);
