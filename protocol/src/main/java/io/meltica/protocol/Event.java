package io.meltica.protocol;

import java.util.Arrays;

/**
 * The pooled, mutable envelope every venue event travels in: one flat set of primitive fields that
 * covers every {@link EventKind}, so that filling, copying and resetting it allocate nothing.
 *
 * <p>Fields by kind (unused ones stay at their initial value):
 *
 * <ul>
 *   <li>all: kind, trace id, routing version, venue, instrument, venue sequence, event time, ingest
 *       time, target strategy;
 *   <li>TRADE: price, quantity, side (aggressor);
 *   <li>QUOTE, BOOK_SNAPSHOT: bid/ask price and size (top of book);
 *   <li>BOOK_DELTA: price, quantity (0 removes the level), side;
 *   <li>CONSOLIDATED_QUOTE: best bid/ask across venues plus one leg per venue (up to {@link
 *       #MAX_LEGS}); see docs/design-decisions.md for why the merged quote is an Event;
 *   <li>EXEC_REPORT: order id, exec status, side, price and quantity of the last fill, filled and
 *       leaves quantity; usually a target strategy (the strategy that owns the order);
 *   <li>CONTROL_ACK, CONTROL_RESULT: correlation id (the flip request) and the new routing version;
 *       see {@link ControlAck} and {@link ControlResult}.
 * </ul>
 *
 * <p>Prices and quantities are {@link FixedPoint} longs. Ids are small ints from {@link
 * IdRegistry}; 0 means "none" for venue, instrument and target strategy.
 *
 * <p><b>Ownership</b> (see {@link PooledEnvelope}): one owner at a time; sending it in a message
 * hands it over; a strategy may read it only during its handler call and copies what it keeps. Not
 * thread-safe: the owner is the only thread that touches it.
 */
public final class Event extends EventHeader
    implements OrchestratorMessage, RouterMessage, StrategyMessage {
  /** Most venue legs a consolidated quote carries. */
  public static final int MAX_LEGS = 8;

  /** Value of {@link #targetStrategyId()} when every subscriber may receive the event. */
  public static final int NO_TARGET = 0;

  private static final int LEG_STRIDE = 4;
  private static final int BID_PRICE = 0;
  private static final int BID_SIZE = 1;
  private static final int ASK_PRICE = 2;
  private static final int ASK_SIZE = 3;

  private long price;
  private long quantity;
  private Side side = Side.NONE;
  private long orderId;
  private ExecStatus execStatus = ExecStatus.NONE;
  private long filledQuantity;
  private long leavesQuantity;
  private long bidPrice;
  private long bidSize;
  private long askPrice;
  private long askSize;
  private long correlationId;
  private int legCount;
  private final int[] legVenueIds = new int[MAX_LEGS];
  private final long[] legs = new long[MAX_LEGS * LEG_STRIDE];

  private Event(boolean debug, boolean recordStacks, boolean live, Object origin, int poolSlot) {
    super(debug, recordStacks, live, origin, poolSlot);
  }

  /**
   * A FREE envelope for {@code pool} to hand out.
   *
   * @param debug poison on release and check every access
   * @param recordStacks in debug mode, keep the stack of every acquisition
   * @param slot its place among the envelopes {@code pool} keeps, or -1 for one beyond them
   */
  public static Event forPool(boolean debug, boolean recordStacks, Object pool, int slot) {
    return new Event(debug, recordStacks, false, pool, slot);
  }

  /**
   * A LIVE envelope (generation 0) that no pool handed out: for tests, builders and scratch space.
   * No pool takes it back: it never counted as acquired, so releasing it would corrupt the count.
   */
  public static Event standalone() {
    return new Event(false, false, true, null, -1);
  }

  /** Copies every payload field into {@code target}; allocates nothing. */
  public void copyInto(Event target) {
    checkLive();
    target.checkWritable();
    copyHeaderInto(target);
    target.price = price;
    target.quantity = quantity;
    target.side = side;
    target.orderId = orderId;
    target.execStatus = execStatus;
    target.filledQuantity = filledQuantity;
    target.leavesQuantity = leavesQuantity;
    target.bidPrice = bidPrice;
    target.bidSize = bidSize;
    target.askPrice = askPrice;
    target.askSize = askSize;
    target.correlationId = correlationId;
    // Only the legs in use on either side: most events have none, and the arrays are half of
    // the envelope's bytes (the router copies an envelope per extra subscriber).
    int legsToCopy = Math.max(legsInUse(), target.legsInUse());
    target.legCount = legCount;
    System.arraycopy(legVenueIds, 0, target.legVenueIds, 0, legsToCopy);
    System.arraycopy(legs, 0, target.legs, 0, legsToCopy * LEG_STRIDE);
  }

  /**
   * Legs that may hold data: the legs beyond {@code legCount} are always zero, except after
   * poisoning, which fills them all (and {@code legCount} with a poison that is out of range).
   */
  private int legsInUse() {
    return legCount >= 0 && legCount <= MAX_LEGS ? legCount : MAX_LEGS;
  }

  /** Sets every payload field back to its initial value (as a new envelope has them). */
  public void reset() {
    checkWritable();
    clearPayload();
  }

  @Override
  protected void clearPayload() {
    fillPayload(0L, 0, null, legsInUse());
    side = Side.NONE;
    execStatus = ExecStatus.NONE;
  }

  @Override
  protected void poisonPayload() {
    fillPayload(POISON, POISON_INT, null, MAX_LEGS);
    side = null;
    execStatus = null;
  }

  private void fillPayload(long longValue, int intValue, EventKind kindValue, int legsToFill) {
    fillHeader(longValue, intValue, kindValue);
    price = longValue;
    quantity = longValue;
    orderId = longValue;
    filledQuantity = longValue;
    leavesQuantity = longValue;
    bidPrice = longValue;
    bidSize = longValue;
    askPrice = longValue;
    askSize = longValue;
    correlationId = longValue;
    legCount = intValue;
    Arrays.fill(legVenueIds, 0, legsToFill, intValue);
    Arrays.fill(legs, 0, legsToFill * LEG_STRIDE, longValue);
  }

  // ---- common header ----

  // ---- trade, book delta, execution report ----

  public long price() {
    checkLive();
    return price;
  }

  public Event setPrice(long value) {
    checkWritable();
    price = value;
    return this;
  }

  public long quantity() {
    checkLive();
    return quantity;
  }

  public Event setQuantity(long value) {
    checkWritable();
    quantity = value;
    return this;
  }

  public Side side() {
    checkLive();
    return side;
  }

  public Event setSide(Side value) {
    checkWritable();
    side = value;
    return this;
  }

  public long orderId() {
    checkLive();
    return orderId;
  }

  public Event setOrderId(long value) {
    checkWritable();
    orderId = value;
    return this;
  }

  public ExecStatus execStatus() {
    checkLive();
    return execStatus;
  }

  public Event setExecStatus(ExecStatus value) {
    checkWritable();
    execStatus = value;
    return this;
  }

  public long filledQuantity() {
    checkLive();
    return filledQuantity;
  }

  public Event setFilledQuantity(long value) {
    checkWritable();
    filledQuantity = value;
    return this;
  }

  public long leavesQuantity() {
    checkLive();
    return leavesQuantity;
  }

  public Event setLeavesQuantity(long value) {
    checkWritable();
    leavesQuantity = value;
    return this;
  }

  // ---- top of book (quote, snapshot, consolidated quote) ----

  public long bidPrice() {
    checkLive();
    return bidPrice;
  }

  public long bidSize() {
    checkLive();
    return bidSize;
  }

  public long askPrice() {
    checkLive();
    return askPrice;
  }

  public long askSize() {
    checkLive();
    return askSize;
  }

  /** Sets bid and ask price and size in one call. */
  public Event setTopOfBook(long bidPx, long bidSz, long askPx, long askSz) {
    checkWritable();
    bidPrice = bidPx;
    bidSize = bidSz;
    askPrice = askPx;
    askSize = askSz;
    return this;
  }

  // ---- control ack and result ----

  /** The control request an ack or result answers. */
  public long correlationId() {
    checkLive();
    return correlationId;
  }

  public Event setCorrelationId(long value) {
    checkWritable();
    correlationId = value;
    return this;
  }

  // ---- consolidated quote legs ----

  public int legCount() {
    checkLive();
    return legCount;
  }

  /**
   * Appends one venue's top of book to a consolidated quote.
   *
   * @throws IllegalStateException if {@link #MAX_LEGS} legs are already present
   */
  public Event addLeg(int legVenueId, long bidPx, long bidSz, long askPx, long askSz) {
    checkWritable();
    if (legCount == MAX_LEGS) {
      throw new IllegalStateException("a consolidated quote holds at most " + MAX_LEGS + " legs");
    }
    int base = legCount * LEG_STRIDE;
    legVenueIds[legCount] = legVenueId;
    legs[base + BID_PRICE] = bidPx;
    legs[base + BID_SIZE] = bidSz;
    legs[base + ASK_PRICE] = askPx;
    legs[base + ASK_SIZE] = askSz;
    legCount++;
    return this;
  }

  public int legVenueId(int leg) {
    checkLeg(leg);
    return legVenueIds[leg];
  }

  public long legBidPrice(int leg) {
    checkLeg(leg);
    return legs[leg * LEG_STRIDE + BID_PRICE];
  }

  public long legBidSize(int leg) {
    checkLeg(leg);
    return legs[leg * LEG_STRIDE + BID_SIZE];
  }

  public long legAskPrice(int leg) {
    checkLeg(leg);
    return legs[leg * LEG_STRIDE + ASK_PRICE];
  }

  public long legAskSize(int leg) {
    checkLeg(leg);
    return legs[leg * LEG_STRIDE + ASK_SIZE];
  }

  private void checkLeg(int leg) {
    checkLive();
    if (leg < 0 || leg >= legCount) {
      throw new IndexOutOfBoundsException("leg " + leg + " of " + legCount);
    }
  }
}
