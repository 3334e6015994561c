/**
 * Token-based statement classification: what kind of statement a client sent and which session-relevant features
 * it uses. Entry point: {@link io.shardline.router.classify.Classifier#classify(String)}.
 */
package io.shardline.router.classify;
