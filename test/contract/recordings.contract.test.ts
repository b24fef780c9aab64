// The e2e stand-in `databricks` replays test/e2e/standIn/recordings.json: each
// recording must still be what the pinned CLI prints for its command (times
// aside), so the e2e tests never drift from the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Recording, RECORDINGS_FILE, recordStandInOutputs, withoutTimes } from './standInRecordings';

test('recordings: every output the e2e stand-in replays is what the real CLI prints today', async () => {
  const committed = (JSON.parse(readFileSync(RECORDINGS_FILE, 'utf8')) as { recordings: Record<string, Recording> }).recordings;
  const fresh = await recordStandInOutputs();
  assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
  for (const [name, now] of Object.entries(fresh)) {
    const then = committed[name];
    assert.equal(then.command, now.command, name);
    assert.equal(then.exitCode, now.exitCode, `${name}: exit code`);
    assert.equal(
      withoutTimes(then.stdout),
      withoutTimes(now.stdout),
      `${name}: stdout (regenerate with node out/test/contract/standInRecordings.js)`,
    );
    assert.equal(withoutTimes(then.stderr), withoutTimes(now.stderr), `${name}: stderr`);
  }
  assert.doesNotMatch(JSON.stringify(committed), /Found \d+ error|does not match any files/, 'nothing the real CLI does not print');
});
