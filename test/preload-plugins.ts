import { cataloguePlugin } from "../src/catalogue-plugin";
import { kafkajsPatches } from "../src/drivers/kafkajs/protocol/patches";
Bun.plugin(cataloguePlugin);
Bun.plugin(kafkajsPatches);
