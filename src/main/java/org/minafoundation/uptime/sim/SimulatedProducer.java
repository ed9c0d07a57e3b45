package org.minafoundation.uptime.sim;

/**
 * One block producer of a {@link SimulatedNetwork}.
 *
 * @param key its Mina public key, "B62q" and 51 more base58 characters
 * @param index its position in {@link SimulatedNetwork#producers()}
 */
public record SimulatedProducer(String key, ProducerProfile profile, int index) {
}
