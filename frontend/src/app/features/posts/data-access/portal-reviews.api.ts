import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { POST_PATHS, type PostCommentView, type ReviewList, type ReviewPostView } from '@atrium/shared';
import { Observable } from 'rxjs';

/** Portal › To review (posts.approve): the active client's posts under review (the client header picks it). */
@Injectable({ providedIn: 'root' })
export class PortalReviewsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ReviewList> {
    return this.http.get<ReviewList>(POST_PATHS.portalReviews);
  }

  approve(postId: string, comment: string): Observable<ReviewPostView> {
    return this.http.post<ReviewPostView>(POST_PATHS.portalApprove(encodeURIComponent(postId)), {
      ...(comment.trim() ? { comment } : {}),
    });
  }

  requestChanges(postId: string, comment: string): Observable<ReviewPostView> {
    return this.http.post<ReviewPostView>(POST_PATHS.portalRequestChanges(encodeURIComponent(postId)), { comment });
  }

  comment(postId: string, body: string): Observable<PostCommentView> {
    return this.http.post<PostCommentView>(POST_PATHS.portalReviewComments(encodeURIComponent(postId)), { body });
  }
}
