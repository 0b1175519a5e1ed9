// The public page ships no JavaScript: it opens fast on any phone and reads the same with
// scripts off. (csr, not ssr: turning ssr off here turned 404s into 500s on Kit 2.70.)
export const csr = false;
