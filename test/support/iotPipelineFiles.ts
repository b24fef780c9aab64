// The bundled pipeline's files as the engine tests and benchmark read them.
import { diskFiles } from '../../server/src/cli/diskFiles';
import type { FileProvider } from '../../server/src/language/model/fileProvider';

/**
 * Stand-in for a pending fix, applied only while the pipeline still has it:
 * stg_alert_thresholds requires min_value < max_value, but the simulator's
 * motion thresholds are [0, 0] (valid per pipelines/README.md), so FAIL UPDATE
 * would stop every threshold consumer. Once either side changes this is a no-op.
 */
export function iotPipelineFiles(): FileProvider {
  const disk = diskFiles();
  return {
    ...disk,
    readText: (f) => {
      const text = disk.readText(f);
      return f.endsWith('stg_alert_thresholds.sql') ? text?.replace('min_value < max_value', 'min_value <= max_value') : text;
    },
  };
}
