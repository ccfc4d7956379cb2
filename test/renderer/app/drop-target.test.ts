import { describe, expect, it } from 'vitest';
import { attachDropTarget } from '../../../renderer/src/app/drop-target';

/** A drag event as the browser sends it: cancelable, with a dataTransfer of these types and files. */
function dragEvent(type: string, types: string[] = ['Files'], files: { name: string }[] = []): Event {
  const event = new Event(type, { cancelable: true, bubbles: true });
  return Object.assign(event, { dataTransfer: { types, files, dropEffect: 'none' } });
}

function watch(nested = false) {
  const target = new EventTarget();
  const states: boolean[] = [];
  const dropped: string[][] = [];
  const detach = attachDropTarget(target, {
    onDrop: (files) => dropped.push(files.map((file) => file.name)),
    onDragging: (dragging) => states.push(dragging),
    nested,
  });
  const dragging = () => states.at(-1) ?? false;
  return { target, states, dropped, detach, dragging };
}

describe('drop targets', () => {
  it('stays lit while the pointer crosses its children (enter child, leave parent), dark when it leaves', () => {
    const t = watch();
    t.target.dispatchEvent(dragEvent('dragenter')); // onto the panel
    t.target.dispatchEvent(dragEvent('dragenter')); // onto a child (bubbles up)
    t.target.dispatchEvent(dragEvent('dragleave')); // … then the panel's own leave
    expect(t.dragging()).toBe(true);
    t.target.dispatchEvent(dragEvent('dragleave')); // out of the panel
    expect(t.dragging()).toBe(false);
  });

  it('a leave without a dataTransfer still ends the drag it counted; a stray leave changes nothing', () => {
    const t = watch();
    t.target.dispatchEvent(new Event('dragleave'));
    expect(t.states).toEqual([]);
    t.target.dispatchEvent(dragEvent('dragenter'));
    t.target.dispatchEvent(new Event('dragleave'));
    expect(t.states).toEqual([true, false]);
  });

  it('accepts a drop of files: dragover is taken (copy), the files are handed over, the highlight ends', () => {
    const t = watch();
    t.target.dispatchEvent(dragEvent('dragenter'));
    const over = dragEvent('dragover');
    t.target.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    expect((over as Event & { dataTransfer: { dropEffect: string } }).dataTransfer.dropEffect).toBe('copy');
    t.target.dispatchEvent(dragEvent('drop', ['Files'], [{ name: 'a.npz' }, { name: 'b.npy' }]));
    expect(t.dropped).toEqual([['a.npz', 'b.npy']]);
    expect(t.dragging()).toBe(false);
  });

  it('fails clearly when the drag carries no files (text, a link): not taken, no highlight', () => {
    const t = watch();
    const enter = dragEvent('dragenter', ['text/plain']);
    const over = dragEvent('dragover', ['text/plain']);
    t.target.dispatchEvent(enter);
    t.target.dispatchEvent(over);
    expect(enter.defaultPrevented).toBe(false);
    expect(over.defaultPrevented).toBe(false);
    expect(t.states).toEqual([]);
  });

  it('a nested target keeps its drop from the window; the window target lets it bubble', () => {
    const inner = watch(true);
    const drop = dragEvent('drop', ['Files'], [{ name: 'w.json' }]);
    inner.target.dispatchEvent(drop);
    expect(drop.cancelBubble).toBe(true);
    const outer = watch(false);
    const windowDrop = dragEvent('drop', ['Files'], [{ name: 'a.wav' }]);
    outer.target.dispatchEvent(windowDrop);
    expect(windowDrop.cancelBubble).toBe(false);
  });

  it('stops listening when detached: every listener it added (capture ones too) is removed', () => {
    const ids = new Map<unknown, number>();
    const label = (type: string, listener: unknown, capture?: boolean) => {
      if (!ids.has(listener)) ids.set(listener, ids.size);
      return `${type} #${ids.get(listener)} ${capture === true ? 'capture' : 'bubble'}`;
    };
    const added: string[] = [];
    const removed: string[] = [];
    const target = {
      addEventListener: (type: string, listener: unknown, capture?: boolean) =>
        added.push(label(type, listener, capture)),
      removeEventListener: (type: string, listener: unknown, capture?: boolean) =>
        removed.push(label(type, listener, capture)),
    } as unknown as EventTarget;
    const detach = attachDropTarget(target, {
      onDrop: () => undefined,
      onDragging: () => undefined,
      nested: false,
    });
    expect(added.filter((listener) => listener.endsWith('capture'))).toEqual(['drop #4 capture']);
    expect(removed).toEqual([]);
    detach();
    expect(removed).toEqual(added);
  });
});
