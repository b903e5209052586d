export const svg = 'http://www.w3.org/2000/svg';

export const xmlns = 'http://www.w3.org/2000/xmlns/';

export const xml = 'http://www.w3.org/XML/1998/namespace';

export const xlink = 'http://www.w3.org/1999/xlink';

export const xhtml = 'http://www.w3.org/1999/xhtml';
