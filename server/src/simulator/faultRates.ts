// Every injected fault and its rate, in one place. Counts are exact, not
// Bernoulli: a fault's count is round(rate * population) (at least
// `CDC_MIN_PER_FAULT` for CDC entities that can carry it, so small runs still
// exercise every check), its rows are chosen uniformly, and a faulty row
// carries exactly one fault, so a reader can recount them unambiguously.

/** Faults in `iot_events`, as fractions of all lines written (`--events`). */
export const IOT_FAULT_RATES = {
  /** `event_id` is null; everything else is a valid reading. */
  null_event_id: 0.002,
  /** `device_id` is null. */
  null_device_id: 0.005,
  /** `sensor_type` is none of temperature/humidity/pressure/motion. */
  unknown_sensor_type: 0.003,
  /** `value` outside the valid range of its (known) sensor type. */
  out_of_range_value: 0.01,
  /** A byte-identical repeat of an earlier valid line. */
  duplicate_event: 0.005,
} as const;

export type IotFault = keyof typeof IOT_FAULT_RATES;
export const IOT_FAULTS = Object.keys(IOT_FAULT_RATES) as IotFault[];

/**
 * Faults in each CDC entity's change stream (never in `alert_thresholds`,
 * which the pipeline treats as a reason to stop). Rates are fractions of the
 * entity's planned changes during the window (inserts + updates); deletes,
 * null-key rows and the reserved out-of-order/late pairs come on top.
 */
export const CDC_FAULT_RATES = {
  /** An extra insert/update whose `after` has a null primary key. */
  null_key: 0.01,
  /** A delete (`op` d, `after` null); a legitimate change the pipeline must honour. */
  delete: 0.04,
  /** An update written in a file after a newer update of the same key (same file). */
  out_of_order_update: 0.02,
  /** An update delivered in a later file than a newer update of the same key. */
  late_update: 0.02,
} as const;

export type CdcFault = keyof typeof CDC_FAULT_RATES;
export const CDC_FAULTS = Object.keys(CDC_FAULT_RATES) as CdcFault[];

/** Floor per CDC fault so even the smallest run contains each kind. */
export const CDC_MIN_PER_FAULT = 1;

export function faultCount(rate: number, population: number, min = 0): number {
  return population <= 0 ? 0 : Math.max(min, Math.round(rate * population));
}
