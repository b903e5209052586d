import './array.js';
import './base64.js';
import './number.js';
import './string.js';
import './typedArray.js';
