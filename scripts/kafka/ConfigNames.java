import java.util.*;
// Prints the config names Apache Kafka's clients and topics know, one "<kind> <name>" a line;
// src/config/kafka-config-names.ts is made from its output (see there).
public class ConfigNames {
  public static void main(String[] a) throws Exception {
    print("producer", org.apache.kafka.clients.producer.ProducerConfig.configNames());
    print("consumer", org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
    print("admin", org.apache.kafka.clients.admin.AdminClientConfig.configNames());
    Class<?> lc = Class.forName("org.apache.kafka.storage.internals.log.LogConfig");
    print("topic", (Collection<String>) lc.getMethod("configNames").invoke(null));
  }
  static void print(String s, Collection<String> names) { for (String n : new TreeSet<>(names)) System.out.println(s + " " + n); }
}
