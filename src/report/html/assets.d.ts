declare module "omb:report-assets" {
  const assets: import("./assets-plugin").ReportAssets;
  export default assets;
}
