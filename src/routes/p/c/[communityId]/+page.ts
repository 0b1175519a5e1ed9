// Like the project pages: no JavaScript shipped, readable with scripts off.
export const csr = false;
