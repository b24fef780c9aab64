// IoT readings as JSON lines. Each line is built by string concatenation
// (the shape is fixed; measured several times faster than JSON.stringify per
// object) and copied into the chunk's byte buffer as latin1, which for
// ASCII text is the UTF-8 bytes without an encoding pass or a large rope to
// flatten. Lines come out in chunks so the caller can stream them to disk
// with backpressure; only a small ring of recent lines (for duplicates) stays.
import { Prng } from './prng';
import { DeviceProfile } from './snapshotWorld';
import { IsoFormatter } from './isoTime';
import { DAY_MS } from './simulateOptions';
import { IOT_FAULT_RATES, IOT_FAULTS, IotFault, faultCount } from './faultRates';
import { SENSORS, SensorType, SENSOR_TYPES, UNKNOWN_SENSORS } from './sensors';

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
  private remainingTotal = 0;
  private readonly counts: IotEventCounts;
  private readonly recent = new RecentLines();
  private readonly iso = new IsoFormatter();
  private readonly quotedDeviceIds: string[];
  private readonly eventIdPrefix: string;
  /** `,"device_id":"dev-...","sensor_type":"...","value":` per device and sensor type. */
  private readonly deviceSensorPieces: string[][];
  /** `,"firmware_version":"..."}` and the newline, per device. */
  private readonly firmwarePieces: string[];

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
      this.remainingTotal += this.remaining[f];
      faults[f] = 0;
    }
    this.counts = { lines: 0, valid: 0, faults };
    // latin1 equals UTF-8 only for ASCII: every varying piece is checked once here.
    this.quotedDeviceIds = devices.map((d) => assertAscii(`"${d.deviceId}"`));
    this.firmwarePieces = devices.map((d) => assertAscii(`,"firmware_version":"${d.firmware}"}\n`));
    this.eventIdPrefix = assertAscii(`"evt-${batch}-`);
    this.deviceSensorPieces = this.quotedDeviceIds.map((id) => SENSOR_TYPES.map((s) => `,"device_id":${id},"sensor_type":"${s}","value":`));
  }

  get done(): boolean {
    return this.index >= this.total;
  }

  get tally(): IotEventCounts {
    return { ...this.counts, faults: { ...this.counts.faults } };
  }

  /**
   * The next `max` lines (fewer at the end), written into `into` when it is
   * large enough (callers recycle buffers: fresh ones per chunk put enough
   * external memory pressure on V8 to force frequent full collections).
   */
  chunk(max: number, into?: Buffer): { bytes: Buffer; lines: number; buffer: Buffer } {
    const end = Math.min(this.total, this.index + max);
    const lines = end - this.index;
    // Slow = never a slice of Node's shared pool, so it is safe to recycle.
    let bytes: Buffer = into && into.length >= lines * 256 ? into : Buffer.allocUnsafeSlow(lines * 320);
    let pos = 0;
    while (this.index < end) {
      const kind = this.nextKind();
      if (kind === 'duplicate_event') {
        this.index++;
        this.counts.lines++;
        this.counts.faults.duplicate_event++;
        bytes = ensureRoom(bytes, pos, RecentLines.SLOT);
        pos += this.recent.copyOneTo(bytes, pos, this.rng);
        continue;
      }
      const line = this.line(kind);
      bytes = ensureRoom(bytes, pos, line.length);
      const length = bytes.write(line, pos, 'latin1');
      if (kind === 'valid') this.recent.remember(bytes, pos, length);
      pos += length;
    }
    return { bytes: bytes.subarray(0, pos), lines, buffer: bytes };
  }

  /**
   * Exact counts with uniform placement: at each line, fault f is chosen with
   * probability remaining_f / lines_left (sequential selection sampling).
   */
  private nextKind(): LineKind {
    const left = this.total - this.index;
    if (this.index === 0) return 'valid';
    let u = this.rng.float() * left;
    if (u >= this.remainingTotal) return 'valid'; // the common case, decided in one comparison
    this.remainingTotal--;
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

  /** A reading with at most one fault; duplicates are handled by `chunk`. */
  private line(kind: Exclude<LineKind, 'duplicate_event'>): string {
    const i = this.index++;
    this.counts.lines++;
    const rng = this.rng;
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
    // Fixed pieces per device and sensor are prebuilt: fewer concatenations, less garbage.
    const sensorIndex = SENSOR_TYPES.indexOf(known);
    const deviceAndSensor =
      kind === 'valid' || kind === 'null_event_id' || kind === 'out_of_range_value'
        ? this.deviceSensorPieces[d][sensorIndex]
        : ',"device_id":' + (kind === 'null_device_id' ? 'null' : this.quotedDeviceIds[d]) + ',"sensor_type":"' + sensor + '","value":';
    const line =
      '{"event_id":' +
      (kind === 'null_event_id' ? 'null' : this.eventIdPrefix + i + '"') +
      deviceAndSensor +
      (known === 'motion' && kind !== 'unknown_sensor_type' ? String(value) : fixed2(Math.round(value * 100))) +
      ',"unit":"' +
      unit +
      '","event_ts":"' +
      this.iso.format(tsMs) +
      '","battery_level":' +
      battery +
      ',"signal_strength":' +
      signal +
      this.firmwarePieces[d];
    if (kind === 'valid') this.counts.valid++;
    else this.counts.faults[kind]++;
    return line;
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

const CENTS = Array.from({ length: 100 }, (_, i) => (i < 10 ? '.0' : '.') + i);

/** `cents / 100` with two decimals (`-12.30`): integer formatting, no float-to-string. */
function fixed2(cents: number): string {
  const abs = Math.abs(cents);
  return (cents < 0 ? '-' : '') + Math.floor(abs / 100) + CENTS[abs % 100];
}

function assertAscii(text: string): string {
  if (!/^[\x20-\x7e\n]*$/.test(text)) throw new Error(`IoT event text must be printable ASCII: ${JSON.stringify(text)}`);
  return text;
}

function ensureRoom(bytes: Buffer, pos: number, needed: number): Buffer {
  if (pos + needed <= bytes.length) return bytes;
  const bigger = Buffer.allocUnsafeSlow(Math.max(pos + needed, bytes.length * 2));
  bytes.copy(bigger, 0, 0, pos);
  return bigger;
}

/**
 * The last valid lines, kept as bytes in fixed slots for duplicate delivery.
 * Holding the line strings instead would keep them alive long enough to be
 * promoted out of the young generation, which made garbage collection a large
 * share of the run.
 */
class RecentLines {
  static readonly SLOT = 1024;
  private readonly store = Buffer.alloc(DUPLICATE_WINDOW * RecentLines.SLOT);
  private readonly lengths = new Int32Array(DUPLICATE_WINDOW);
  private filled = 0;
  private next = 0;

  remember(source: Buffer, from: number, length: number): void {
    // Lines are ~230 bytes; only an absurd batch token could overflow a slot.
    if (length > RecentLines.SLOT) throw new Error(`IoT line of ${length} bytes exceeds ${RecentLines.SLOT}`);
    source.copy(this.store, this.next * RecentLines.SLOT, from, from + length);
    this.lengths[this.next] = length;
    this.next = (this.next + 1) % DUPLICATE_WINDOW;
    if (this.filled < DUPLICATE_WINDOW) this.filled++;
  }

  /** Copies a random remembered line to `target` at `pos`; returns its length. */
  copyOneTo(target: Buffer, pos: number, rng: Prng): number {
    const slot = Math.floor(rng.float() * this.filled);
    const length = this.lengths[slot];
    this.store.copy(target, pos, slot * RecentLines.SLOT, slot * RecentLines.SLOT + length);
    return length;
  }
}

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
