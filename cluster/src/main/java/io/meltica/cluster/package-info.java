/**
 * Meltica on a Pekko cluster. {@link MelticaCluster} runs one node: strategies are Cluster Sharding
 * entities spread over the nodes ({@link ClusterStrategy}), and every node runs its own pipeline
 * whose router fans out to every strategy, local or remote. On each node an {@link EntityForwarder}
 * stands in for each strategy. Market data goes to the entity directly, at most once. Critical
 * events go through the {@link CriticalSender}, at least once, as {@link CriticalDelivery}s that
 * the {@link CriticalInbox} in front of the entity acknowledges and de-duplicates. {@link
 * VersionSync} carries routing versions between nodes and runs a flip in two phases (every node
 * stamps the new version, then the strategies' minimum rises), {@link WirePool} gives serializers
 * the node's pool and the registry incoming ids are checked against, {@link CriticalStats} counts
 * critical deliveries and {@link VersionStats} the versions refused from peers. {@link ArteryTls}
 * turns {@code meltica.cluster.tls} into Artery's TLS settings before a node's ActorSystem starts.
 *
 * <h2>Threading</h2>
 *
 * {@link CriticalSender}, {@link VersionSync} and {@link EntityForwarder} are actors: one message
 * at a time, with their state confined to them. {@link CriticalInbox} is an interceptor confined to
 * its entity's messages. {@link MelticaCluster} has only final fields, set at start; it passes
 * publish and flip calls to the node's {@link io.meltica.actors.MelticaPipeline}, which is
 * thread-safe. {@link WirePool} is thread-safe: one volatile reference to the pool and registry,
 * written once at start, a JCTools MPMC queue of free batches and an MPSC queue of the batches
 * received in transit. {@link CriticalStats} is written by the sender and the inboxes and read from
 * any thread; {@link VersionStats} is written by the VersionSync and read from any thread. {@link
 * CriticalDelivery} carries the event as bytes, so the sender can keep it after its envelope went
 * back to the pool.
 */
package io.meltica.cluster;
