// The local run's CLI loads DuckDB lazily (server/src/engine/runtime/duckdbModule.ts);
// in an extension installed for another platform the native binding is absent
// and the CLI exits with a recognisable message. That becomes a message telling
// the user which build of the extension to install, instead of a stack trace.

/** vsce's target name for a Node platform/arch pair (linux-x64, darwin-arm64, win32-x64, ...). */
export function platformTarget(platform: string, arch: string): string {
  return `${platform}-${arch}`;
}

const MISSING_BINDING = [
  /needs DuckDB's native binding/i,
  /Cannot find module '@duckdb\/node-(api|bindings)/i,
  /Error loading duckdb native binding/i,
];

/** The user-facing message when the CLI's output says DuckDB's native binding is missing, else undefined. */
export function bindingMissingMessage(stderr: string, platform: string, arch: string): string | undefined {
  if (!MISSING_BINDING.some((re) => re.test(stderr))) return undefined;
  const target = platformTarget(platform, arch);
  return `Run Locally needs DuckDB's native binding for ${target}; install the ${target} build of the extension.`;
}
