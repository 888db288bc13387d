import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { displayedPage, placeBox, transformPoint, type DisplayedPage } from './page-geometry';

async function pageWith(setup: { media: number[]; crop?: number[]; rotate?: number; onParent?: boolean }) {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const [x1, y1, x2, y2] = setup.media;
  page.setMediaBox(x1, y1, x2 - x1, y2 - y1);
  if (setup.crop) {
    const [c1, d1, c2, d2] = setup.crop;
    page.setCropBox(c1, d1, c2 - c1, d2 - d1);
  }
  if (setup.rotate !== undefined) {
    // Rotate is inheritable: set it on the page tree to check that it is found there too.
    const holder = setup.onParent ? doc.catalog.Pages() : page.node;
    holder.set(PDFName.of('Rotate'), doc.context.obj(setup.rotate));
  }
  return page;
}

/** Where the box's displayed top-left and bottom-right corners land in user space. */
function corners(page: DisplayedPage, box: { x: number; y: number; width: number; height: number }) {
  const placed = placeBox(page, box);
  return {
    topLeft: transformPoint(placed.matrix, 0, placed.height),
    bottomRight: transformPoint(placed.matrix, placed.width, 0),
    size: { width: placed.width, height: placed.height },
  };
}

const round = (point: { x: number; y: number }) => ({ x: Math.round(point.x), y: Math.round(point.y) });
const box = { x: 0.25, y: 0.1, width: 0.5, height: 0.2 };

describe('displayedPage', () => {
  it('is the CropBox, clipped to the MediaBox, turned by /Rotate', async () => {
    expect(displayedPage(await pageWith({ media: [0, 0, 600, 800] }))).toMatchObject({ width: 600, height: 800 });
    expect(displayedPage(await pageWith({ media: [0, 0, 600, 800], rotate: 90 }))).toMatchObject({
      width: 800,
      height: 600,
      rotation: 90,
    });
    const cropped = displayedPage(await pageWith({ media: [0, 0, 600, 800], crop: [50, 100, 450, 900] }));
    expect(cropped).toMatchObject({ width: 400, height: 700, view: { x: 50, y: 100, width: 400, height: 700 } });
  });

  it('reads /Rotate like pdf.js: inherited, negative turns normalised, odd angles ignored', async () => {
    expect(displayedPage(await pageWith({ media: [0, 0, 600, 800], rotate: 270, onParent: true })).rotation).toBe(270);
    expect(displayedPage(await pageWith({ media: [0, 0, 600, 800], rotate: -90 })).rotation).toBe(270);
    expect(displayedPage(await pageWith({ media: [0, 0, 600, 800], rotate: 450 })).rotation).toBe(90);
    expect(displayedPage(await pageWith({ media: [0, 0, 600, 800], rotate: 45 })).rotation).toBe(0);
  });
});

describe('placeBox', () => {
  // A 600 × 800 MediaBox whose visible area is x 100–500, y 50–750 (400 × 700).
  const view = { media: [0, 0, 600, 800], crop: [100, 50, 500, 750] };

  it('maps an unrotated cropped page: displayed top-left is the crop top-left', async () => {
    const page = displayedPage(await pageWith(view));
    const placed = corners(page, box);
    expect(placed.size.width).toBeCloseTo(200);
    expect(placed.size.height).toBeCloseTo(140);
    expect(round(placed.topLeft)).toEqual({ x: 100 + 0.25 * 400, y: 750 - 70 });
    expect(round(placed.bottomRight)).toEqual({ x: 100 + 0.75 * 400, y: 750 - 210 });
  });

  it('maps a page turned 90° clockwise: displayed top-left is the crop bottom-left', async () => {
    const page = displayedPage(await pageWith({ ...view, rotate: 90 }));
    // Displayed 700 wide, 400 high; displayed x runs up user y, displayed y runs along user x.
    const placed = corners(page, box);
    expect(placed.size.width).toBeCloseTo(350);
    expect(placed.size.height).toBeCloseTo(80);
    expect(round(placed.topLeft)).toEqual({ x: 100 + 0.1 * 400, y: 50 + 0.25 * 700 });
    expect(round(placed.bottomRight)).toEqual({ x: 100 + 0.3 * 400, y: 50 + 0.75 * 700 });
  });

  it('maps a page turned 180°: displayed top-left is the crop bottom-right', async () => {
    const page = displayedPage(await pageWith({ ...view, rotate: 180 }));
    const placed = corners(page, box);
    expect(round(placed.topLeft)).toEqual({ x: 500 - 0.25 * 400, y: 50 + 0.1 * 700 });
    expect(round(placed.bottomRight)).toEqual({ x: 500 - 0.75 * 400, y: 50 + 0.3 * 700 });
  });

  it('maps a page turned 270°: displayed top-left is the crop top-right', async () => {
    const page = displayedPage(await pageWith({ ...view, rotate: 270 }));
    const placed = corners(page, box);
    expect(round(placed.topLeft)).toEqual({ x: 500 - 0.1 * 400, y: 750 - 0.25 * 700 });
    expect(round(placed.bottomRight)).toEqual({ x: 500 - 0.3 * 400, y: 750 - 0.75 * 700 });
  });

  it('keeps a box that reaches past the page edge on the page', async () => {
    const page = displayedPage(await pageWith({ media: [0, 0, 600, 800] }));
    const placed = placeBox(page, { x: 0.9, y: 0.95, width: 0.5, height: 0.5 });
    expect(placed.width).toBeCloseTo(60);
    expect(placed.height).toBeCloseTo(40);
  });
});
