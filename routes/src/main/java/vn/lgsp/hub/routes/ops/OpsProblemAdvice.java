package vn.lgsp.hub.routes.ops;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.http.Problems;
import vn.lgsp.hub.routes.security.OperatorRejections;

/**
 * problem+json answers for the operator API; refusals are audited (REJECT, {@link OperatorRejections}),
 * unexpected errors are logged, never shown.
 */
@RestControllerAdvice(basePackages = "vn.lgsp.hub.routes.ops")
public class OpsProblemAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(OpsProblemAdvice.class);
    private final OperatorRejections rejections;

    public OpsProblemAdvice(OperatorRejections rejections) {
        this.rejections = rejections;
    }

    @ExceptionHandler(HubException.class)
    ResponseEntity<byte[]> hub(HubException e, HttpServletRequest request) {
        if (e.error().status() >= 500) {
            return problem(e.error(), e.detail());
        }
        return rejections.answer(request, e.error(), e.detail());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<byte[]> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return rejections.answer(request, HubError.INVALID_REQUEST, "parameter '" + name + "' is missing or malformed");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        return rejections.answer(request, HubError.MALFORMED_BODY, "the request body is not well-formed JSON");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        LOG.error("Unexpected failure in the operator API", e);
        return problem(HubError.INTERNAL_ERROR, "the hub could not process the request");
    }

    private static ResponseEntity<byte[]> problem(HubError error, String detail) {
        return ResponseEntity.status(error.status()).contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(Problems.render(error, detail, null, null));
    }
}
