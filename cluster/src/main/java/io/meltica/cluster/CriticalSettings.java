package io.meltica.cluster;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of at-least-once critical delivery ({@code meltica.cluster.critical}, documented in the
 * module's reference.conf). Every node must use the same window: the receiving inbox sizes its
 * early-arrival buffer by it.
 *
 * @param window critical events in flight per (sending node, strategy)
 * @param resendAfter the first wait for an acknowledgement before the window is sent again
 * @param maxResendAfter the cap of the doubling wait
 * @param forgetSenderAfter how long an inbox keeps the record of a silent, fully acknowledged
 *     sender
 */
public record CriticalSettings(
    int window, Duration resendAfter, Duration maxResendAfter, Duration forgetSenderAfter) {

  public CriticalSettings {
    if (window < 1) {
      throw new IllegalArgumentException(
          "meltica.cluster.critical.window must be >= 1, got " + window);
    }
    if (resendAfter.isNegative()
        || resendAfter.isZero()
        || maxResendAfter.compareTo(resendAfter) < 0) {
      throw new IllegalArgumentException(
          "meltica.cluster.critical: need 0 < resend-after <= max-resend-after, got "
              + resendAfter
              + " and "
              + maxResendAfter);
    }
  }

  /** From {@code config}'s {@code meltica.cluster.critical} section. */
  public static CriticalSettings fromConfig(Config config) {
    Config critical = config.getConfig("meltica.cluster.critical");
    return new CriticalSettings(
        critical.getInt("window"),
        critical.getDuration("resend-after"),
        critical.getDuration("max-resend-after"),
        critical.getDuration("forget-sender-after"));
  }
}
