// The gallery page: its view (view/gallery.js) with the REST client.

import { api } from '../net/api.js';
import { renderGallery } from '../view/gallery.js';

export function startGallery(root) {
  return renderGallery(root, { api });
}
