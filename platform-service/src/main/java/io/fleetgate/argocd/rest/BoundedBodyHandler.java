package io.fleetgate.argocd.rest;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Wraps any body handler so that the body it receives is cut off, as an error to the reader, once
 * it passes {@code maxBytes} or the call's deadline: a server that sends gigabytes, or trickles
 * bytes forever, costs at most that many bytes and that much time. Bytes pass through as they come
 * (nothing is buffered here).
 */
final class BoundedBodyHandler<T> implements BodyHandler<T> {

  private final BodyHandler<T> inner;
  private final long maxBytes;
  private final Instant deadline;

  BoundedBodyHandler(BodyHandler<T> inner, long maxBytes, Instant deadline) {
    this.inner = inner;
    this.maxBytes = maxBytes;
    this.deadline = deadline;
  }

  @Override
  public BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
    Bounded<T> bounded = new Bounded<>(inner.apply(info), maxBytes);
    long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    CompletableFuture.delayedExecutor(left, TimeUnit.MILLISECONDS).execute(bounded::expire);
    return bounded;
  }

  /** Forwards every signal to the inner subscriber until the limit or the deadline ends it. */
  private static final class Bounded<T> implements BodySubscriber<T> {
    private final BodySubscriber<T> inner;
    private final long maxBytes;
    private Flow.Subscription upstream;
    private Exception pending;
    private long received;
    private boolean done;

    Bounded(BodySubscriber<T> inner, long maxBytes) {
      this.inner = inner;
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<T> getBody() {
      return inner.getBody();
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      inner.onSubscribe(subscription);
      if (pending != null) {
        subscription.cancel();
        inner.onError(pending);
      }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
      if (done) {
        return;
      }
      for (ByteBuffer item : items) {
        received += item.remaining();
      }
      if (received > maxBytes) {
        fail(new AnswerTooLarge(maxBytes));
        return;
      }
      inner.onNext(items);
    }

    @Override
    public synchronized void onError(Throwable error) {
      if (!done) {
        done = true;
        inner.onError(error);
      }
    }

    @Override
    public synchronized void onComplete() {
      if (!done) {
        done = true;
        inner.onComplete();
      }
    }

    synchronized void expire() {
      fail(new HttpTimeoutException("the answer did not end before the call's deadline"));
    }

    private void fail(Exception error) {
      if (done) {
        return;
      }
      done = true;
      if (upstream == null) {
        pending = error; // delivered once the inner subscriber has its subscription
        return;
      }
      upstream.cancel();
      inner.onError(error);
    }
  }
}
