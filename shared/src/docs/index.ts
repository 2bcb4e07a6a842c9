// Editor knowledge: hover and completion texts, outline, folding, highlighting, policy layout. Product text lives here,
// so every editor (the language server, the VS Code client) says the same thing.
export * from './types.ts';
export * from './policy-docs.ts';
export * from './zone-docs.ts';
export * from './report-docs.ts';
export * from './definition.ts';
export * from './zone-format.ts';
