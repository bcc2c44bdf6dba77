-- Run once by the mysql:8.4 image on an empty data volume (docker-compose.yml).
-- One database per service; each service's user (02-users.sh) is granted its own database only.
CREATE DATABASE IF NOT EXISTS `contacts`  CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `referrals` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `outreach`  CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS `reports`   CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
