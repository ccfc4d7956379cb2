import { useRef } from 'react';
import type { ReactNode } from 'react';
import type { SideTab } from '../../app/microscope/state';
import { useElementSize } from '../../hooks/useElementSize';

const TABS: readonly { tab: SideTab; label: string; title: string }[] = [
  { tab: 'weights', label: 'Weights', title: 'The loaded weights: layers, print(model), tensors' },
  { tab: 'microscope', label: 'Microscope', title: 'One pinned cell with its numbers (click a pane to pin)' },
  {
    tab: 'tensors',
    label: 'Filters & tensors',
    title: 'A layer’s filters, every tensor’s statistics, export',
  },
];

interface Props {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  /** The weights tab's content (the WeightsPanel, which scrolls by itself). */
  weights: ReactNode;
  /** The other tabs' content, given the panel's size. */
  render: (tab: Exclude<SideTab, 'weights'>, size: { width: number; height: number }) => ReactNode;
}

/** The side column: its tabs, then the weights panel, the microscope, or the filters and tensors. */
export function SideColumn({ tab, onTab, weights, render }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref);
  return (
    <div className={`side-column side-${tab}`}>
      <div className="side-tabs" role="tablist" aria-label="side panel">
        {TABS.map((item) => (
          <button
            key={item.tab}
            type="button"
            role="tab"
            aria-selected={item.tab === tab}
            data-tab={item.tab}
            title={item.title}
            onClick={() => onTab(item.tab)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div className="side-body" ref={ref}>
        {tab === 'weights' ? weights : <aside className="side-panel">{render(tab, size)}</aside>}
      </div>
    </div>
  );
}
