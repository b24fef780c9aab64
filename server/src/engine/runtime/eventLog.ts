// The pipeline event log in the Lakeflow event format, one JSON object per
// line beside the database, so a local update reads like a workspace one
// (event_type, level, message, origin.dataset_name, details.flow_progress).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join, basename, extname } from 'node:path';
import { randomUUID } from 'node:crypto';

export type EventLevel = 'INFO' | 'WARN' | 'ERROR' | 'METRICS';
export type FlowStatus = 'QUEUED' | 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED' | 'EXCLUDED';

export interface ExpectationMetrics {
  name: string;
  dataset: string;
  passed_records: number;
  failed_records: number;
}

export interface FlowProgressDetails {
  status: FlowStatus;
  metrics?: { num_output_rows: number };
  data_quality?: { dropped_records: number; expectations: ExpectationMetrics[] };
}

export interface PipelineEvent {
  id: string;
  sequence: { control_plane_seq_no: number };
  origin: { pipeline_id: string; pipeline_name: string; update_id: string; dataset_name?: string; flow_name?: string };
  timestamp: string;
  message: string;
  level: EventLevel;
  maturity_level: 'STABLE';
  event_type: string;
  error?: { fatal: boolean; exceptions: { message: string }[] };
  details: Record<string, unknown>;
}

/** Where the event log of a database file lives: `<db name>.events.jsonl` in the same folder. */
export function eventLogPath(databaseFile: string): string {
  return join(dirname(databaseFile), `${basename(databaseFile, extname(databaseFile))}.events.jsonl`);
}

export interface EventSink {
  (event: PipelineEvent): void;
}

export class EventLog {
  private seq = 0;
  readonly updateId = randomUUID();

  constructor(
    private readonly pipelineName: string,
    private readonly sinks: EventSink[],
  ) {}

  /**
   * Appends to a JSON lines file (created with its folder). A failure to write
   * (a full disk) goes to `onError` once and stops the file, not the update.
   */
  static fileSink(path: string, onError?: (e: unknown) => void): EventSink {
    let failed = false;
    const attempt = (write: () => void) => {
      if (failed) return;
      try {
        write();
      } catch (e) {
        failed = true;
        onError?.(e);
      }
    };
    attempt(() => mkdirSync(dirname(path), { recursive: true }));
    return (e) => attempt(() => appendFileSync(path, JSON.stringify(e) + '\n'));
  }

  emit(
    eventType: string,
    level: EventLevel,
    message: string,
    details: Record<string, unknown>,
    dataset?: string,
    error?: string,
  ): PipelineEvent {
    const event: PipelineEvent = {
      id: randomUUID(),
      sequence: { control_plane_seq_no: ++this.seq },
      origin: {
        pipeline_id: 'local',
        pipeline_name: this.pipelineName,
        update_id: this.updateId,
        ...(dataset ? { dataset_name: dataset, flow_name: dataset } : {}),
      },
      timestamp: new Date().toISOString(),
      message,
      level,
      maturity_level: 'STABLE',
      event_type: eventType,
      ...(error ? { error: { fatal: false, exceptions: [{ message: error }] } } : {}),
      details,
    };
    for (const s of this.sinks) s(event);
    return event;
  }

  flowProgress(dataset: string, progress: FlowProgressDetails, message: string, error?: string): void {
    const level: EventLevel = progress.status === 'FAILED' ? 'ERROR' : progress.metrics ? 'METRICS' : 'INFO';
    this.emit('flow_progress', level, message, { flow_progress: progress }, dataset, error);
  }

  updateProgress(state: 'INITIALIZING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED', message: string): void {
    this.emit('update_progress', state === 'FAILED' ? 'ERROR' : state === 'CANCELED' ? 'WARN' : 'INFO', message, {
      update_progress: { state },
    });
  }
}
