/** Word lists for generated customers: realistic prefixes for search-as-you-type. */
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amir', 'Ana', 'Andrei', 'Anna', 'Arjun', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'David',
  'Diego', 'Elena', 'Emma', 'Fatima', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jack', 'James', 'Jana', 'Jonas', 'Julia',
  'Kai', 'Karim', 'Laura', 'Leo', 'Lina', 'Lucas', 'Maria', 'Mark', 'Marta', 'Martin', 'Mateo', 'Mia', 'Mohammed', 'Nadia', 'Nina',
  'Noah', 'Olga', 'Omar', 'Paul', 'Pedro', 'Priya', 'Rafael', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Tom', 'Victor', 'Yuki', 'Zoe',
];
export const LAST_NAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Baker', 'Becker', 'Bianchi', 'Brown', 'Castro', 'Chen', 'Costa', 'Cruz', 'Dubois', 'Duarte',
  'Evans', 'Fischer', 'Fontaine', 'Garcia', 'Gomez', 'Gonzalez', 'Gruber', 'Hansen', 'Hernandez', 'Hoffmann', 'Ivanov', 'Jensen',
  'Johnson', 'Kim', 'Klein', 'Kowalski', 'Kumar', 'Lambert', 'Larsen', 'Lee', 'Lopez', 'Marino', 'Martin', 'Meyer', 'Moreau', 'Morris',
  'Muller', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez', 'Petrov', 'Ramos', 'Rossi', 'Santos', 'Schmidt',
  'Silva', 'Singh', 'Smith', 'Sousa', 'Suzuki', 'Tanaka', 'Taylor', 'Torres', 'Wagner', 'Walker', 'Weber', 'Wilson', 'Wong', 'Young',
];
export const COMPANY_WORDS = [
  'Apex', 'Blue', 'Bright', 'Cloud', 'Core', 'Delta', 'Edge', 'Fast', 'Global', 'Green', 'Hyper', 'Iron', 'Lumen', 'Metro', 'Nexus',
  'Nova', 'Orbit', 'Pixel', 'Prime', 'Quantum', 'Rapid', 'Silver', 'Smart', 'Solar', 'Swift', 'Terra', 'Vector', 'Vista', 'Wave', 'Zen',
];
export const COMPANY_SUFFIXES = ['Labs', 'Media', 'Data', 'Digital', 'Systems', 'Ventures', 'Networks', 'Analytics', 'Studio', 'Group'];
export const DOMAINS = ['example.com', 'mail.test', 'inbox.test', 'corp.test', 'example.org', 'proxyco.test'];
export const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'PL', 'UA', 'BR', 'IN', 'JP', 'CA', 'AU', 'ES', 'IT', 'SE'];
