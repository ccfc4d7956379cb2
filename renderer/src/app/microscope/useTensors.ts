import { useCallback, useEffect, useState } from 'react';
import type { PostnetApi } from '../../../../shared/api/contract';
import type { LayerFilters, TensorExportFormat, TensorStats } from '../../../../shared/api/microscope';
import { toErrorInfo } from '../../../../shared/errors';
import { windowErrorMessage } from '../error-text';

/** A value fetched from the host for some key, its error, or neither while it is on its way. */
interface Fetched<T> {
  key: string;
  value: T | null;
  error: string | null;
}

export interface TensorsData {
  filters: Fetched<LayerFilters> | null;
  stats: Fetched<TensorStats[]> | null;
  /** Saves one tensor; resolves with the notice to show (null when the user cancelled). */
  exportTensor: (key: string, format: TensorExportFormat) => Promise<string | null>;
}

const message = (error: unknown) => windowErrorMessage(toErrorInfo(error));

/**
 * The filters & tensors tab's data: the chosen layer's filters and every tensor's statistics for
 * the loaded weights, fetched when they change (an answer for weights or a layer no longer asked
 * for is dropped), and the export of one tensor.
 */
export function useTensors(
  api: PostnetApi,
  weightsId: string | null,
  layer: number,
  active: boolean,
): TensorsData {
  const [filters, setFilters] = useState<Fetched<LayerFilters> | null>(null);
  const [stats, setStats] = useState<Fetched<TensorStats[]> | null>(null);
  const filtersKey = weightsId === null ? null : `${weightsId}/${layer}`;

  useEffect(() => {
    if (!active || weightsId === null || filtersKey === null) return undefined;
    let live = true;
    api.layerFilters({ weightsId, stack: 'loaded', layer }).then(
      (value) => live && setFilters({ key: filtersKey, value, error: null }),
      (error: unknown) => live && setFilters({ key: filtersKey, value: null, error: message(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, weightsId, layer, filtersKey, active]);

  useEffect(() => {
    if (!active || weightsId === null) return undefined;
    let live = true;
    api.tensorStats(weightsId).then(
      (value) => live && setStats({ key: weightsId, value, error: null }),
      (error: unknown) => live && setStats({ key: weightsId, value: null, error: message(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, weightsId, active]);

  const exportTensor = useCallback(
    async (key: string, format: TensorExportFormat) => {
      if (weightsId === null) return 'no weights loaded';
      try {
        const saved = await api.exportTensor({ weightsId, key, format });
        return saved ? `Saved ${saved.location} (+ ${saved.sidecarLocation})` : null;
      } catch (error) {
        return `Export failed: ${message(error)}`;
      }
    },
    [api, weightsId],
  );

  return {
    filters: filters && filters.key === filtersKey ? filters : null,
    stats: stats && stats.key === weightsId ? stats : null,
    exportTensor,
  };
}
