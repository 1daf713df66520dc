// The type of in-page.js (JavaScript: it runs in the page, and the project has no DOM types).
/** Measures the print layout and puts the PDF markers; returns what it measured (checked by the test). */
export default function inPage(prefix: string): unknown;
