package io.pagorecon.devstack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test against the shared moto server with the template's resources freshly created
 * before each test; inject {@link AwsTestEnvironment} as a parameter. A method-level annotation
 * overrides the class-level one (e.g. {@code @MotoStack(stage = "production")}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(MotoExtension.class)
public @interface MotoStack {
  /** The template's {@code Stage} parameter. */
  String stage() default "sandbox";
}
