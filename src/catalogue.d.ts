declare module "omb:catalogue" {
  const files: import("./catalogue-plugin").CatalogueFile[];
  export default files;
}
