import { cataloguePlugin } from "../src/catalogue-plugin";
Bun.plugin(cataloguePlugin);
