// How a Unity Catalog host compares names, learnt from its own answers rather
// than assumed: Databricks' Unity Catalog ignores case and stores names in lower
// case; the open-source server (v0.6.0) compares them exactly. Until a host has
// shown which, every spelling is its own question, so a "not found" for
// `LAKECAT.SALES.ORDERS` can never hide `lakecat.sales.orders`, and the columns
// of one never answer for the other.
import type { NameCase } from '../language/model/catalogProvider';

/**
 * What one answer says about the host. `asked` are the names as sent (catalog,
 * schema, object), `answered` the same names as the server spelled them back.
 * - A name with an upper-case letter in an answer: the host keeps case (Databricks
 *   never returns one), so it is case-sensitive.
 * - A name asked in one spelling and answered in another that differs only in
 *   case: the host matched it ignoring case.
 */
export function caseEvidence(
  asked: readonly string[],
  answered: readonly (string | undefined)[],
  listedNames: readonly string[] = [],
): NameCase {
  if ([...answered, ...listedNames].some((n) => n !== undefined && n !== n.toLowerCase())) return 'sensitive';
  for (let i = 0; i < asked.length; i++) {
    const said = answered[i];
    if (said !== undefined && said !== asked[i] && said.toLowerCase() === asked[i].toLowerCase()) return 'insensitive';
  }
  return 'unknown';
}
