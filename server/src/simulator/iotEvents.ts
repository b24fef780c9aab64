// IoT readings as JSON lines, built by string concatenation (several times
// faster than JSON.stringify per object, and the shape is fixed). Lines come
// out in chunks so the caller can stream them to disk with backpressure;
// nothing but a small ring of recent lines (for duplicates) is retained.
import { Prng } from './prng';
import { DeviceProfile } from './snapshotWorld';
import { IsoFormatter } from './isoTime';
import { DAY_MS } from './simulateOptions';
import { IOT_FAULT_RATES, IOT_FAULTS, IotFault, faultCount } from './faultRates';
import { SENSORS, SensorType, UNKNOWN_SENSORS } from './sensors';

const DUPLICATE_WINDOW = 1024;
const TWO_PI = 2 * Math.PI;

/** Category of one line: a valid reading or exactly one fault. */
type LineKind = 'valid' | IotFault;

export interface IotEventCounts {
  lines: number;
  valid: number;
  faults: Record<IotFault, number>;
}

export class IotEventGenerator {
  private index = 0;
  private readonly remaining: Record<IotFault, number>;
  private readonly counts: IotEventCounts;
  private readonly recentValid: string[] = [];
  private readonly iso = new IsoFormatter();
  private readonly quotedDeviceIds: string[];
  private readonly eventIdPrefix: string;

  constructor(
    private readonly rng: Prng,
    private readonly devices: DeviceProfile[],
    private readonly total: number,
    private readonly startMs: number,
    private readonly spanMs: number,
    batch: string,
  ) {
    const faults = {} as Record<IotFault, number>;
    this.remaining = {} as Record<IotFault, number>;
    for (const f of IOT_FAULTS) {
      // Line 0 is always valid (a duplicate needs an original), hence total - 1.
      this.remaining[f] = faultCount(IOT_FAULT_RATES[f], total - 1);
      faults[f] = 0;
    }
    this.counts = { lines: 0, valid: 0, faults };
    this.quotedDeviceIds = devices.map((d) => `"${d.deviceId}"`);
    this.eventIdPrefix = `"evt-${batch}-`;
  }

  get done(): boolean {
    return this.index >= this.total;
  }

  get tally(): IotEventCounts {
    return { ...this.counts, faults: { ...this.counts.faults } };
  }

  /** The next `max` lines (fewer at the end) as one string. */
  chunk(max: number): { text: string; lines: number } {
    let text = '';
    const end = Math.min(this.total, this.index + max);
    const lines = end - this.index;
    while (this.index < end) text += this.line(this.nextKind());
    return { text, lines };
  }

  /**
   * Exact counts with uniform placement: at each line, fault f is chosen with
   * probability remaining_f / lines_left (sequential selection sampling).
   */
  private nextKind(): LineKind {
    const left = this.total - this.index;
    if (this.index === 0) return 'valid';
    let u = this.rng.float() * (left);
    for (const f of IOT_FAULTS) {
      const r = this.remaining[f];
      if (u < r) {
        this.remaining[f] = r - 1;
        return f;
      }
      u -= r;
    }
    return 'valid';
  }

  private line(kind: LineKind): string {
    const i = this.index++;
    this.counts.lines++;
    const rng = this.rng;
    if (kind === 'duplicate_event') {
      this.counts.faults.duplicate_event++;
      return this.recentValid[Math.floor(rng.float() * this.recentValid.length)];
    }
    const tsMs = this.startMs + Math.floor(((i + rng.float()) * this.spanMs) / this.total);
    const d = Math.floor(rng.float() * this.devices.length);
    const device = this.devices[d];
    const known = device.sensors[Math.floor(rng.float() * device.sensors.length)];
    let sensor: string = known;
    let unit = SENSORS[known].unit;
    let value: number;
    if (kind === 'unknown_sensor_type') {
      const unknown = UNKNOWN_SENSORS[Math.floor(rng.float() * UNKNOWN_SENSORS.length)];
      sensor = unknown.type;
      unit = unknown.unit;
      value = round2(rng.between(0, 500));
    } else if (kind === 'out_of_range_value') {
      value = outOfRange(rng, known);
    } else {
      value = reading(rng, device, known, tsMs);
    }
    const elapsed = (tsMs - this.startMs) / DAY_MS;
    const battery = Math.max(0, device.batteryAtStart - Math.floor(elapsed * 2));
    const signal = Math.min(0, Math.max(-120, device.signalBase + Math.floor(rng.float() * 11) - 5));
    const line =
      '{"event_id":' + (kind === 'null_event_id' ? 'null' : this.eventIdPrefix + i + '"') +
      ',"device_id":' + (kind === 'null_device_id' ? 'null' : this.quotedDeviceIds[d]) +
      ',"sensor_type":"' + sensor +
      '","value":' + value +
      ',"unit":"' + unit +
      '","event_ts":"' + this.iso.format(tsMs) +
      '","battery_level":' + battery +
      ',"signal_strength":' + signal +
      ',"firmware_version":"' + device.firmware + '"}\n';
    if (kind === 'valid') {
      this.counts.valid++;
      if (this.recentValid.length < DUPLICATE_WINDOW) this.recentValid.push(line);
      else this.recentValid[i % DUPLICATE_WINDOW] = line;
    } else {
      this.counts.faults[kind]++;
    }
    return line;
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** A plausible reading: daily temperature cycle, noise around the site's climate. */
function reading(rng: Prng, device: DeviceProfile, sensor: SensorType, tsMs: number): number {
  switch (sensor) {
    case 'temperature': {
      const phase = ((tsMs % DAY_MS) / DAY_MS) * TWO_PI;
      const v = device.baseTemperature + 4 * Math.sin(phase - 2) + rng.gaussian() * 1.5;
      return round2(Math.min(84, Math.max(-39, v)));
    }
    case 'humidity':
      return round2(Math.min(99, Math.max(1, device.baseHumidity + rng.gaussian() * 6)));
    case 'pressure':
      return round2(Math.min(1099, Math.max(301, device.basePressure + rng.gaussian() * 4)));
    case 'motion':
      return rng.float() < 0.2 ? 1 : 0;
  }
}

/** At least one unit outside the valid range, so rounding never brings it back. */
function outOfRange(rng: Prng, sensor: SensorType): number {
  const { min, max } = SENSORS[sensor];
  if (sensor === 'motion') return rng.pick([2, 3, -1]);
  const width = max - min;
  return rng.chance(0.5) ? round2(max + rng.between(1, width / 2)) : round2(min - rng.between(1, width / 2));
}
