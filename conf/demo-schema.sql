-- The demo schema the quickstart loads into the sandbox primary. Safe to run again.
CREATE DATABASE IF NOT EXISTS demo CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS demo.customers (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(100) NOT NULL,
  email      VARCHAR(200) NOT NULL UNIQUE,
  created_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS demo.products (
  id    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name  VARCHAR(100)  NOT NULL,
  price DECIMAL(10,2) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS demo.orders (
  id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT      NOT NULL,
  product_id  BIGINT      NOT NULL,
  quantity    INT         NOT NULL,
  ordered_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY idx_customer (customer_id)
) ENGINE=InnoDB;

INSERT IGNORE INTO demo.customers (id, name, email) VALUES
  (1, 'Ada Lovelace', 'ada@example.com'),
  (2, 'Alan Turing', 'alan@example.com'),
  (3, 'Grace Hopper', 'grace@example.com');

INSERT IGNORE INTO demo.products (id, name, price) VALUES
  (1, 'Keyboard', 49.90),
  (2, 'Monitor', 219.00),
  (3, 'Coffee', 12.50);

INSERT IGNORE INTO demo.orders (id, customer_id, product_id, quantity) VALUES
  (1, 1, 3, 2),
  (2, 2, 1, 1),
  (3, 3, 2, 1),
  (4, 1, 2, 1);
