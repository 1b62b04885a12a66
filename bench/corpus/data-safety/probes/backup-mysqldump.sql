-- MySQL dump 10.13  Distrib 8.0.35
--
-- Host: localhost    Database: shop

CREATE TABLE `customers` (
  `id` int NOT NULL,
  `email` varchar(255)
);
