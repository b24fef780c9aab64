// The sensor catalogue shared by entity, alert and event generation: which
// sensor types exist, their units and valid ranges (as docs/landing-data.md
// states them), and the alert bands per severity.

export type SensorType = 'temperature' | 'humidity' | 'pressure' | 'motion';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SENSOR_TYPES: readonly SensorType[] = ['temperature', 'humidity', 'pressure', 'motion'];
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export interface SensorSpec {
  unit: string;
  /** Valid range, inclusive; values outside it are out-of-range faults. */
  min: number;
  max: number;
  /** Normal band per severity: a reading outside [min,max] of a band breaches it. */
  bands: Record<Severity, [number, number]>;
}

export const SENSORS: Record<SensorType, SensorSpec> = {
  temperature: {
    unit: 'celsius',
    min: -40,
    max: 85,
    bands: { low: [5, 30], medium: [0, 40], high: [-10, 55], critical: [-25, 70] },
  },
  humidity: {
    unit: 'percent',
    min: 0,
    max: 100,
    bands: { low: [30, 60], medium: [20, 70], high: [10, 85], critical: [5, 95] },
  },
  pressure: {
    unit: 'hpa',
    min: 300,
    max: 1100,
    bands: { low: [980, 1040], medium: [960, 1060], high: [930, 1080], critical: [900, 1095] },
  },
  motion: {
    unit: 'boolean',
    min: 0,
    max: 1,
    // Motion is 0/1: any motion breaches, the severity is the site's choice.
    bands: { low: [0, 0], medium: [0, 0], high: [0, 0], critical: [0, 0] },
  },
};

/** Sensor types no device has; used for the unknown-sensor fault. */
export const UNKNOWN_SENSORS: readonly { type: string; unit: string }[] = [
  { type: 'vibration', unit: 'mm_s' },
  { type: 'co2', unit: 'ppm' },
  { type: 'Temperature', unit: 'celsius' },
  { type: 'light', unit: 'lux' },
];

/** Product categories and the sensors a device of that category carries. */
export const PRODUCT_CATEGORIES: readonly { category: string; model: string; sensors: SensorType[]; price: [number, number] }[] = [
  { category: 'climate', model: 'ClimaSense', sensors: ['temperature', 'humidity'], price: [39, 89] },
  { category: 'weather', model: 'WeatherPro', sensors: ['temperature', 'humidity', 'pressure'], price: [99, 249] },
  { category: 'security', model: 'MotionEye', sensors: ['motion'], price: [25, 69] },
  { category: 'multi', model: 'OmniNode', sensors: ['temperature', 'humidity', 'pressure', 'motion'], price: [149, 399] },
  { category: 'industrial', model: 'BaroMax', sensors: ['pressure', 'temperature'], price: [199, 599] },
];
