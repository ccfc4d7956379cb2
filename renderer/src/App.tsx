import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PostnetApi } from '../../shared/api/contract';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { displayRanges, melPaneSpecs, shownLayerPaneSpec } from './app/panes';
import type { LayerPaneState, MelPaneExtras } from './app/panes';
import { demoErrors } from './app/demo';
import { listenChoices } from './app/listen';
import { listenContext } from './app/useListening';
import { Transport } from './components/Transport';
import { useWorkspace } from './app/useWorkspace';
import type { PngRenderer } from './app/useWorkspace';
import { createTinyStore } from './state/tiny-store';
import { DropOverlay } from './components/DropOverlay';
import { EmptyState } from './components/EmptyState';
import { ErrorToast } from './components/ErrorToast';
import { InputFacts } from './components/InputFacts';
import { Overview } from './components/Overview';
import { PaneStack } from './components/PaneStack';
import { Readout } from './components/Readout';
import { ShortcutSheet } from './components/ShortcutSheet';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { WeightsPanel } from './components/WeightsPanel';
import { MicroscopeTab } from './components/microscope/MicroscopeTab';
import { SideColumn } from './components/microscope/SideColumn';
import { TensorsTab } from './components/microscope/TensorsTab';
import { layerOutputFrames } from './app/layer-output';
import { useMicroscope } from './app/microscope/useMicroscope';
import { useMicroscopePanes } from './app/microscope/useMicroscopePanes';
import { pickedCell } from './app/microscope/panes';
import { TextPanes } from './components/microscope/TextPanes';
import { useCanvasTheme } from './hooks/useCanvasTheme';
import { useDevicePixelRatio } from './hooks/useDevicePixelRatio';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import type { KeyActions } from './hooks/useKeyboardShortcuts';
import { useDropTarget } from './hooks/useDropTarget';
import { composeViewPng } from './render/compose-png';
import { bandCentresHz, frameClock } from './render/mel-axis';
import { plotWidthFor } from './render/pane-layout';
import { bandsAfter, fitted, panned, withBounds, zoomed } from './state/navigation';
import { currentLayerOutput } from './state/workspace';

/**
 * The window: toolbar, the linked panes (input, output, residual, and a layer's output on request)
 * with the readout, the weights panel, status and overlays.
 */
export function App({ api }: { api: PostnetApi }) {
  const [pngRenderer] = useState<PngRenderer>(() =>
    createTinyStore(() => Promise.reject(new Error('nothing drawn yet'))),
  );
  const { state, getState, dispatch, controller, stores, listening } = useWorkspace(api, pngRenderer);
  const microscope = useMicroscope(api, getState, state, stores);
  const scope = microscope.state;
  const theme = useCanvasTheme();
  const pixelRatio = useDevicePixelRatio();
  const { input, weights, result, display, job } = state;
  const config = input?.mel.config ?? TACOTRON2_MEL;
  const bands = useMemo(() => bandCentresHz(config), [config]);
  const clock = useMemo(() => frameClock(config), [config]);
  const clean = state.demo?.clean ?? null;
  const ranges = useMemo(() => displayRanges(input, result, display, clean), [input, result, display, clean]);
  const layerActivations = currentLayerOutput(state);
  const computingLayer = job !== null && job.kind === 'process';
  const layerPane = useMemo<LayerPaneState | null>(
    () =>
      state.layerPane === null
        ? null
        : { layer: state.layerPane, activations: layerActivations, computing: computingLayer },
    [state.layerPane, layerActivations, computingLayer],
  );
  // The three mel panes apart from the layer pane: changing or computing a layer's output keeps
  // their specs, so they do not redraw.
  const shownLayer = state.layerPane;
  const opening = !state.firstOpenDone;
  const extras = useMemo<MelPaneExtras>(
    () => ({
      // The demo's panes once it is there, or while the first file opens as the demo.
      demo:
        state.demo || (state.demoMode && !input)
          ? {
              clean,
              // The output's error once it is whole (frames still computing are NaN).
              errors:
                clean && input ? demoErrors(clean, input, result && !result.filling ? result : null) : null,
            }
          : null,
      opening,
    }),
    [state.demo, state.demoMode, clean, input, result, opening],
  );
  const melPanes = useMemo(
    () => melPaneSpecs(input, weights, result, display, ranges, shownLayer, extras),
    [input, weights, result, display, ranges, shownLayer, extras],
  );
  const layerSpec = useMemo(
    () => shownLayerPaneSpec(input, weights, display, layerPane),
    [input, weights, display, layerPane],
  );
  const basePanes = useMemo(() => (layerSpec ? [...melPanes, layerSpec] : melPanes), [melPanes, layerSpec]);
  const { panes, marks, textPanes, textMarks } = useMicroscopePanes(state, scope, basePanes);
  const paneSize = useRef({ width: 0, bodyHeight: 0 });

  useEffect(() => {
    pngRenderer.set(() =>
      composeViewPng({
        panes: basePanes,
        view: stores.navigation.get().view,
        bands: stores.bands.get(),
        bandCentresHz: bands,
        clock,
        theme,
        widthCss: paneSize.current.width,
        bodyHeightCss: paneSize.current.bodyHeight,
        scale: 2,
      }),
    );
  }, [pngRenderer, basePanes, stores, bands, clock, theme]);

  // A resize keeps the frames the navigation store has (a new input sets them, via onNewInput).
  const onSize = useCallback(
    (width: number, bodyHeight: number) => {
      paneSize.current = { width, bodyHeight };
      const current = stores.navigation.get();
      const bounds = { nFrames: current.bounds.nFrames, widthPx: plotWidthFor(width) };
      stores.navigation.set(withBounds(current, bounds, false));
    },
    [stores],
  );

  // A click on a pane moves the play position there, as in Sonic Visualiser.
  const seekToClick = useCallback((frame: number) => listening.listener.seekToFrame(frame), [listening]);

  const openDropped = useCallback(
    (files: File[]) => void controller.open({ kind: 'dropped', files }, 'auto'),
    [controller],
  );
  const dragging = useDropTarget('window', openDropped);

  const textMode = scope.mode === 'text';

  const keyActions = useMemo<KeyActions>(
    () => ({
      pan: (fraction) => {
        if (scope.pinned) {
          microscope.controller.step(Math.sign(fraction) * (Math.abs(fraction) > 0.25 ? 10 : 1), 0);
          return;
        }
        const current = stores.navigation.get();
        stores.navigation.set(panned(current, fraction * current.bounds.widthPx));
      },
      zoom: (factor) => stores.navigation.set(zoomed(stores.navigation.get(), factor)),
      fit: () => stores.navigation.set(fitted(stores.navigation.get())),
      zoomBands: (direction) =>
        stores.bands.set(bandsAfter(stores.bands.get(), direction, state.input?.mel.nMels ?? 0)),
      open: () => void controller.open({ kind: 'dialog' }, 'audio'),
      loadWeights: () => void controller.open({ kind: 'dialog' }, 'weights'),
      exportNpy: () => void controller.exportAs('npy'),
      exportPng: () => void controller.exportAs('png'),
      toggleShortcuts: () => dispatch({ type: 'shortcuts', show: !state.showShortcuts }),
      toggleLayerPane: () =>
        state.layerPane === null ? void controller.showLayer(state.selectedLayer) : controller.hideLayer(),
      stepLayer: (delta) => {
        const count = state.weights?.layers.length ?? 0;
        if (count === 0) return;
        const from = state.layerPane ?? state.selectedLayer;
        void controller.showLayer(Math.min(count - 1, Math.max(0, from + delta)));
      },
      playback: (command) => void listening.listener.command(command),
      hear: (n) => void listening.listener.chooseNumber(n),
      escape: () => {
        if (!state.showShortcuts && scope.pinned) microscope.controller.unpin();
        dispatch(state.showShortcuts ? { type: 'shortcuts', show: false } : { type: 'dismiss-error' });
      },
    }),
    [
      stores,
      controller,
      dispatch,
      listening,
      state.showShortcuts,
      state.layerPane,
      state.selectedLayer,
      state.weights,
      state.input,
      scope.pinned,
      microscope.controller,
    ],
  );
  useKeyboardShortcuts(keyActions);

  const busy = job !== null;
  const choices = useMemo(() => listenChoices(listenContext(state)), [state]);
  const showEmpty = !input && state.firstOpenDone && !busy;
  return (
    <div className="app">
      <Toolbar
        display={display}
        nMels={input?.mel.nMels ?? state.melConfig.nMels}
        recent={state.recent}
        onShowRecent={controller.showRecent}
        canExport={result !== null}
        busy={busy}
        onOpen={keyActions.open}
        onExport={(format) => void controller.exportAs(format)}
        onDisplay={(change) => dispatch({ type: 'display', change })}
        onFit={keyActions.fit}
        onZoom={keyActions.zoom}
        onShortcuts={keyActions.toggleShortcuts}
        transport={<Transport player={listening.player} listener={listening.listener} choices={choices} />}
      />
      <main className="workspace">
        <div className="panes-column">
          <Overview
            spec={textMode ? undefined : panes[0]}
            stores={stores}
            clock={clock}
            pixelRatio={pixelRatio}
          />
          {textMode ? (
            <TextPanes
              text={scope.text}
              panes={textPanes}
              marks={textMarks}
              pixelRatio={pixelRatio}
              onRun={(text, cleaners) => void microscope.controller.runText(text, cleaners)}
              onPick={microscope.controller.pin}
            />
          ) : (
            <PaneStack
              panes={panes}
              bandCentresHz={bands}
              clock={clock}
              stores={stores}
              pixelRatio={pixelRatio}
              theme={theme}
              onSize={onSize}
              onCloseLayer={controller.hideLayer}
              onPlotClick={seekToClick}
              marks={marks}
              onPick={(spec, at) => {
                const cell = pickedCell(spec, at, weights);
                if (cell) microscope.controller.pin(cell);
              }}
            />
          )}
          <Readout
            hover={stores.hover}
            panes={panes}
            clock={clock}
            bandCentresHz={bands}
            playback={listening.player.state}
            bands={stores.bands}
          />
          {showEmpty && (
            <EmptyState
              melConfig={state.melConfig}
              onOpen={keyActions.open}
              onSample={() => void controller.open({ kind: 'sample' }, 'auto')}
            />
          )}
          {state.error && (
            <ErrorToast error={state.error} onDismiss={() => dispatch({ type: 'dismiss-error' })} />
          )}
        </div>
        <SideColumn
          tab={scope.tab}
          onTab={microscope.controller.setTab}
          render={(tab, size) =>
            tab === 'microscope' ? (
              <MicroscopeTab
                microscope={microscope}
                workspace={state}
                panes={panes}
                textPanes={textPanes}
                bandCentresHz={bands}
                pixelRatio={pixelRatio}
                size={size}
              />
            ) : (
              <TensorsTab
                api={api}
                weights={weights}
                initialLayer={scope.pinned?.layer ?? state.selectedLayer}
                diverging={display.residualColormap}
                pixelRatio={pixelRatio}
                onPickFilter={(layer, channel) => {
                  const frames = input
                    ? layerOutputFrames(weights?.layers ?? [], layer, input.mel.nFrames)
                    : 0;
                  const frame = Math.min(scope.pinned?.frame ?? Math.floor(frames / 2), frames - 1);
                  if (frames > 0) microscope.controller.pin({ source: 'audio', layer, channel, frame });
                }}
                onNotice={(text) => dispatch({ type: 'notice', text })}
              />
            )
          }
          weights={
            <WeightsPanel
              inputFacts={
                input ? (
                  <InputFacts
                    input={clean ?? input}
                    demo={state.demoMode}
                    onDemo={(on) => void controller.setDemo(on)}
                    presets={state.startup?.melPresets ?? {}}
                    melConfig={state.melConfig}
                    busy={busy}
                    onMelConfig={(config) => void controller.remel(config)}
                  />
                ) : null
              }
              weights={weights}
              input={input}
              selectedLayer={state.selectedLayer}
              layerPaneSpec={layerSpec}
              hover={stores.hover}
              busy={busy}
              onShowLayer={(layer) => void controller.showLayer(layer)}
              onLoad={keyActions.loadWeights}
              onLoadFolder={() => void controller.open({ kind: 'dialog', folder: true }, 'weights')}
              onDropFiles={(files) => void controller.open({ kind: 'dropped', files }, 'weights')}
              onDefault={(which) => void controller.useDefaultWeights(which)}
              onChooseStack={(role) => void controller.chooseStack(role)}
            />
          }
        />
      </main>
      <StatusBar
        job={job}
        notice={state.notice}
        onCancel={controller.cancel}
        engineUsed={result && !result.filling ? result.engine : null}
        engine={state.engine}
        onEngine={(engine) => dispatch({ type: 'engine', engine })}
      />
      {dragging && <DropOverlay nMels={state.melConfig.nMels} />}
      {state.showShortcuts && (
        <ShortcutSheet
          nMels={input?.mel.nMels ?? state.melConfig.nMels}
          onClose={() => dispatch({ type: 'shortcuts', show: false })}
        />
      )}
    </div>
  );
}
