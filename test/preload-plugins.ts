import { cataloguePlugin } from "../src/catalogue-plugin";
import { kafkajsPatches } from "../src/drivers/kafkajs/patches";
Bun.plugin(cataloguePlugin);
Bun.plugin(kafkajsPatches);
