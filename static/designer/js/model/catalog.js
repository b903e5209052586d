// The catalogue the server sends (`/api/catalog/`): node types, presets and edge kinds with
// their fields and allowed [source, target] pairs. The editor lists no type of its own.

export class Catalog {
  constructor(raw) {
    this.raw = raw;
    this.types = new Map(raw.node_types.map((spec) => [spec.type, spec]));
    this.kinds = new Map(raw.edge_kinds.map((spec) => [spec.kind, spec]));
    this.presets = new Map(raw.presets.map((preset) => [preset.key, preset]));
  }

  nodeType(type) {
    return this.types.get(type);
  }

  edgeKind(kind) {
    return this.kinds.get(kind);
  }

  // Palette entries in the server's order: each type, then each preset after its type.
  paletteEntries() {
    const entries = [];
    for (const spec of this.raw.node_types) {
      const look = { group: spec.group, icon: spec.icon };
      entries.push({ key: spec.type, type: spec.type, label: spec.label, description: spec.description, props: {}, ...look });
      for (const preset of this.raw.presets.filter((p) => p.type === spec.type)) {
        entries.push({ ...preset, props: preset.props || {}, ...look });
      }
    }
    return entries;
  }

  // Palette entries by group ("Messaging", "Streaming", ...), groups in the server's order.
  paletteGroups() {
    const entries = this.paletteEntries();
    return (this.raw.groups || [...new Set(entries.map((entry) => entry.group))]).map((group) => ({
      group,
      entries: entries.filter((entry) => entry.group === group),
    }));
  }

  paletteEntry(key) {
    return this.paletteEntries().find((entry) => entry.key === key);
  }

  // Edge kinds that may join a node of type `source` to one of type `target`.
  kindsFor(source, target) {
    return this.raw.edge_kinds
      .filter((spec) => spec.pairs.some(([s, t]) => s === source && t === target))
      .map((spec) => spec.kind);
  }

  canBeSource(type) {
    return this.raw.edge_kinds.some((spec) => spec.pairs.some(([s]) => s === type));
  }

  canBeTarget(type) {
    return this.raw.edge_kinds.some((spec) => spec.pairs.some(([, t]) => t === type));
  }

  // Why a wire from `source` to `target` is refused: one short sentence, and the pairs that
  // are allowed from the source and into the target (shown on demand).
  refusal(source, target) {
    const name = (type) => this.nodeType(type)?.label || type;
    const from = this.describePairs(([s]) => s === source, ([, t]) => t);
    const into = this.describePairs(([, t]) => t === target, ([s]) => s);
    return {
      sentence: `No edge joins ${source} → ${target}: ${name(source)} cannot be wired to ${name(target)}.`,
      allowed: [
        from ? `From ${source}: ${from}.` : `Nothing starts at ${source}.`,
        into ? `Into ${target}: ${into}.` : `Nothing ends at ${target}.`,
      ].join(' '),
    };
  }

  describePairs(keep, other) {
    const phrases = [];
    for (const spec of this.raw.edge_kinds) {
      const ends = spec.pairs.filter(keep).map(other);
      if (ends.length) phrases.push(`${spec.kind} ${ends.join(', ')}`);
    }
    return phrases.join('; ');
  }

  // Every field of a node or edge, with its section: [{section: 'props'|'sim', field}].
  fieldsOf(kind, typeOrKind) {
    const spec = kind === 'node' ? this.nodeType(typeOrKind) : this.edgeKind(typeOrKind);
    if (!spec) return [];
    const fields = spec.props.map((field) => ({ section: 'props', field }));
    for (const field of spec.sim || []) fields.push({ section: 'sim', field });
    return fields;
  }
}
