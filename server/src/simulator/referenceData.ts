// Fixed word lists the entity generator draws names and places from (data,
// not logic). ASCII only, so byte counts equal character counts.

export const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Chloe',
  'Diego',
  'Elena',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kira',
  'Liam',
  'Maya',
  'Nils',
  'Olga',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
];

export const LAST_NAMES = [
  'Andersen',
  'Bianchi',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Weber',
];

export const COMPANY_WORDS = ['Nordic', 'Atlas', 'Blue', 'Summit', 'Harbor', 'Vertex', 'Green', 'Polar', 'Iron', 'Delta'];
export const COMPANY_SUFFIXES = ['Logistics', 'Foods', 'Labs', 'Retail', 'Energy', 'Pharma', 'Farms', 'Systems'];

export const SITE_KINDS = ['Warehouse', 'Office', 'Plant', 'Store', 'Cold Room', 'Greenhouse', 'Data Center', 'Home'];
export const STREETS = ['Main St', 'Harbour Rd', 'Station Ave', 'Mill Lane', 'Park Blvd', 'Lake Dr', 'King St', 'Elm Way'];

/** A city with the climate the simulator gives its sensors. */
export interface City {
  city: string;
  country: string;
  timezone: string;
  latitude: number;
  longitude: number;
  /** Typical indoor-ish temperature and humidity around which readings vary. */
  baseTemperature: number;
  baseHumidity: number;
}

export const CITIES: readonly City[] = [
  {
    city: 'Copenhagen',
    country: 'DK',
    timezone: 'Europe/Copenhagen',
    latitude: 55.6761,
    longitude: 12.5683,
    baseTemperature: 4,
    baseHumidity: 80,
  },
  { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin', latitude: 52.52, longitude: 13.405, baseTemperature: 3, baseHumidity: 75 },
  { city: 'Madrid', country: 'ES', timezone: 'Europe/Madrid', latitude: 40.4168, longitude: -3.7038, baseTemperature: 9, baseHumidity: 60 },
  { city: 'Oslo', country: 'NO', timezone: 'Europe/Oslo', latitude: 59.9139, longitude: 10.7522, baseTemperature: -3, baseHumidity: 78 },
  {
    city: 'Austin',
    country: 'US',
    timezone: 'America/Chicago',
    latitude: 30.2672,
    longitude: -97.7431,
    baseTemperature: 14,
    baseHumidity: 55,
  },
  {
    city: 'Seattle',
    country: 'US',
    timezone: 'America/Los_Angeles',
    latitude: 47.6062,
    longitude: -122.3321,
    baseTemperature: 7,
    baseHumidity: 82,
  },
  {
    city: 'Toronto',
    country: 'CA',
    timezone: 'America/Toronto',
    latitude: 43.6532,
    longitude: -79.3832,
    baseTemperature: -5,
    baseHumidity: 70,
  },
  {
    city: 'Sao Paulo',
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    latitude: -23.5505,
    longitude: -46.6333,
    baseTemperature: 24,
    baseHumidity: 72,
  },
  {
    city: 'Singapore',
    country: 'SG',
    timezone: 'Asia/Singapore',
    latitude: 1.3521,
    longitude: 103.8198,
    baseTemperature: 27,
    baseHumidity: 84,
  },
  { city: 'Tokyo', country: 'JP', timezone: 'Asia/Tokyo', latitude: 35.6762, longitude: 139.6503, baseTemperature: 6, baseHumidity: 55 },
  {
    city: 'Sydney',
    country: 'AU',
    timezone: 'Australia/Sydney',
    latitude: -33.8688,
    longitude: 151.2093,
    baseTemperature: 23,
    baseHumidity: 65,
  },
  {
    city: 'Nairobi',
    country: 'KE',
    timezone: 'Africa/Nairobi',
    latitude: -1.2921,
    longitude: 36.8219,
    baseTemperature: 19,
    baseHumidity: 60,
  },
];
