package io.meltica.actors;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The Pekko extension that embeds one Meltica pipeline in a user's ActorSystem, configured from the
 * system's {@code meltica { }} config:
 *
 * <pre>{@code
 * MelticaPipeline meltica = Meltica.get(system).pipeline();
 * meltica.subscribe("my-strategy", List.of("BTC-USDT"), (event, ctx) -> ...);
 * }</pre>
 *
 * <p>The first {@link #get} starts the pipeline and waits until it is ready, so call it at start-up
 * rather than inside an actor's message handler. For several pipelines in one system, or settings
 * that do not come from the system's config, use {@link MelticaPipeline#start}.
 */
public final class Meltica implements Extension {
  private final MelticaPipeline pipeline;

  private Meltica(ActorSystem<?> system) {
    this.pipeline =
        MelticaPipeline.start(
            system, MelticaSettings.fromConfig(system.settings().config()), "meltica");
  }

  /** The system's Meltica, started on first use. */
  public static Meltica get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** The pipeline of this system. */
  public MelticaPipeline pipeline() {
    return pipeline;
  }

  /** The extension's id, as Pekko's extension mechanism wants it. */
  public static final class Id extends ExtensionId<Meltica> {
    private static final Id INSTANCE = new Id();

    private Id() {}

    @Override
    public Meltica createExtension(ActorSystem<?> system) {
      return new Meltica(system);
    }
  }
}
