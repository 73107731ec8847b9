// Electron entry: filled in by the shell (src/main/shell).
export {};
