import { cataloguePlugin } from "../src/catalogue-plugin";
import { kafkajsPatches } from "../src/drivers/kafkajs/protocol/patches";
import { reportAssetsPlugin } from "../src/report/html/assets-plugin";
Bun.plugin(cataloguePlugin);
Bun.plugin(kafkajsPatches);
Bun.plugin(reportAssetsPlugin());
