/**
 * For tests only: two gaps in happy-dom that DOMPurify (which says it does not support happy-dom)
 * falls into. Browsers need nothing of the kind, and the sanitiser refuses output that is not inert,
 * so without this the tests fail rather than pass wrongly.
 *
 * 1. `Node.prototype.nodeName` answers '' for every node (each subclass has its own getter), and
 *    DOMPurify reads that getter, so it sees no tag names at all.
 * 2. A NodeIterator loses its place when its current node is removed, so DOMPurify skips the node
 *    after each one it removes. Here an iterator lists the nodes first, then skips removed ones.
 */
export function letDomPurifyRunInHappyDom() {
  const base = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeName');
  if (base?.get && base.get.call(document.createElement('p')) !== 'P') {
    Object.defineProperty(Node.prototype, 'nodeName', {
      configurable: true,
      get(this: Node) {
        for (let proto = Object.getPrototypeOf(this); proto && proto !== Node.prototype; proto = Object.getPrototypeOf(proto)) {
          const own = Object.getOwnPropertyDescriptor(proto, 'nodeName');
          if (own?.get) return own.get.call(this) as string;
        }
        return base.get!.call(this) as string;
      },
    });
  }
  // DOMPurify takes the method from the window's document when it is created.
  document.createNodeIterator = function createNodeIterator(root: Node, whatToShow = 0xffffffff) {
    const nodes: Node[] = [];
    const list = (node: Node) => {
      if ((whatToShow >> (node.nodeType - 1)) & 1) nodes.push(node);
      for (const child of node.childNodes) list(child);
    };
    list(root);
    let next = 0;
    const iterator = {
      root,
      whatToShow,
      filter: null,
      nextNode: () => {
        while (next < nodes.length) {
          const node = nodes[next++]!;
          if (node === root || root.contains(node)) return node;
        }
        return null;
      },
    };
    return iterator as unknown as NodeIterator;
  };
}
