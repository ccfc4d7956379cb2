/**
 * The offscreen canvas a plot's raster passes through: the ImageData is put there at its own size
 * (one pixel per column and raster row), then drawn onto the plot scaled to its device size with
 * smoothing off. One per plot, kept for its life: making a canvas and its 2D context costs
 * milliseconds (5–25 ms a redraw were seen in headless Chromium).
 */
export class StagingCanvas {
  private staging: { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } | null = null;

  /** Draws `image` onto `target` scaled to `width` × `height` device pixels; false without a 2D context. */
  blit(target: CanvasRenderingContext2D, image: ImageData, width: number, height: number): boolean {
    if (!this.staging) {
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d');
      if (!context) return false;
      this.staging = { canvas, context };
    }
    const { canvas, context } = this.staging;
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    context.putImageData(image, 0, 0);
    target.imageSmoothingEnabled = false;
    target.drawImage(canvas, 0, 0, image.width, image.height, 0, 0, width, height);
    return true;
  }
}
