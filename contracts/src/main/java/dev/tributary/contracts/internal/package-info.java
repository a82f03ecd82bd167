/** Implementation details of the contract module; not an API. */
@NullMarked
package dev.tributary.contracts.internal;

import org.jspecify.annotations.NullMarked;
