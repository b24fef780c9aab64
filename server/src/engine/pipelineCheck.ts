// What `lakeflow run` analyses before it writes anything: the language core's
// diagnostics of the whole pipeline (as `lakeflow check` reports them), and,
// from their errors, which datasets are broken and which would read a broken
// one. A statement that does not parse defines no dataset at all, so the name
// it meant to define is read from its text; its readers are then known from
// the model's references, and no dataset vanishes without being named.
import { rangeContains } from '../language/model/location';
import type { Diagnostic } from '../language/features/diagnostics/diagnostic';
import { workspaceDiagnostics } from '../language/features/diagnostics/fileDiagnostics';
import { bundleDiagnostics } from '../language/features/diagnostics/configDiagnostics';
import type { LocalPipeline } from './localPipeline';

export interface NotRunReason {
  status: 'failed' | 'skipped';
  message: string;
}

export interface PipelineCheck {
  /** Error diagnostics, sorted by file and position. */
  errors: Diagnostic[];
  /** Dataset key -> why it does not run: its own errors, or an upstream that is broken. */
  notRun: Map<string, NotRunReason>;
  /** Names a broken statement meant to define, which the plan therefore lacks, with the file and its first error. */
  vanished: { name: string; file: string; error: Diagnostic }[];
}

/** `CREATE [OR REFRESH] <any words> name AS|(|COMMENT|...`: the name a statement that does not parse meant to define. */
const CREATE_NAME =
  /\bCREATE\s+((?:[A-Za-z_]+\s+)*?)([A-Za-z_`][\w`.]*)\s*(?:\(|\bAS\b|\bCOMMENT\b|\bTBLPROPERTIES\b|\bPARTITIONED\b|\bCLUSTER\b|\bSCHEDULE\b|;|$)/gi;

function intendedNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(CREATE_NAME))
    if (!/\bFLOW\b/i.test(m[1])) names.push(m[2].replace(/`/g, '').split('.').pop()!.toLowerCase());
  return names;
}

/**
 * The errors `lakeflow check` would report, restricted to what decides the
 * run: the bundle's own problems except an absent default target (`local` may
 * be missing; the bundle's defaults apply then).
 */
export function checkPipeline(
  pipeline: LocalPipeline,
  options: { targetGiven: boolean; display?: (file: string) => string },
): PipelineCheck {
  const display = options.display ?? ((f: string) => f);
  const bundle = pipeline.bundle ? bundleDiagnostics(pipeline.bundle).filter((d) => options.targetGiven || d.code !== 'LF507') : [];
  const all = [...bundle, ...workspaceDiagnostics(pipeline.index)];
  const errors = all
    .filter((d) => d.severity === 'error')
    .sort((a, b) =>
      a.file < b.file
        ? -1
        : a.file > b.file
          ? 1
          : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  const notRun = new Map<string, NotRunReason>();
  const vanished: PipelineCheck['vanished'] = [];
  const planned = new Set(pipeline.plan.datasets.map((d) => d.key));
  const index = pipeline.index;

  for (const file of new Set(errors.map((e) => e.file))) {
    const mine = errors.filter((e) => e.file === file);
    const defined = index.analysis(file)?.datasets ?? [];
    for (const d of defined) {
      const own = mine.filter((e) => rangeContains(d.range, e.range.start));
      if (own.length > 0)
        notRun.set(d.key, { status: 'failed', message: `${own.length} error(s) in its definition: ${own[0].code} ${own[0].message}` });
    }
    for (const name of intendedNames(index.text(file) ?? '')) {
      if (!planned.has(name) && !vanished.some((v) => v.name === name)) vanished.push({ name, file, error: mine[0] });
    }
    // Errors outside any dataset (a flow, a bad statement) break every dataset the file defines.
    if (mine.some((e) => !defined.some((d) => rangeContains(d.range, e.range.start)))) {
      for (const d of defined)
        if (!notRun.has(d.key)) notRun.set(d.key, { status: 'failed', message: `its file has errors: ${mine[0].code} ${mine[0].message}` });
    }
  }

  // Readers of a name only a broken statement would have defined.
  for (const file of index.files()) {
    for (const ref of index.analysis(file)?.references ?? []) {
      const gone = vanished.find((v) => v.name === ref.key);
      if (gone && ref.consumer && planned.has(ref.consumer) && !notRun.has(ref.consumer)) {
        notRun.set(ref.consumer, {
          status: 'skipped',
          message: `reads ${ref.key}, which ${display(gone.file)} should define but cannot (it has errors)`,
        });
      }
    }
  }
  return { errors, notRun, vanished };
}
