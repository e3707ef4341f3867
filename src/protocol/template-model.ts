// The embedder a face template is bound to. Templates travel sealed with this id (src/protocol/template-key-crypto.ts),
// so the district can re-key them and a tablet refuses a template made by another model.
export const EMBEDDER_MODEL_ID = 'embedder-arcface';
