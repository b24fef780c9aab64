// LSP-shaped positions, declared here so protocol/ needs no LSP package.
export interface ProtocolPosition {
  line: number;
  character: number;
}

export interface ProtocolRange {
  start: ProtocolPosition;
  end: ProtocolPosition;
}
