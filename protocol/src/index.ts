// Types and custom LSP messages shared by the client and the server. Declared
// once here so both sides agree on names and shapes.
export const LANGUAGE_ID = 'lakeflow-sql';
